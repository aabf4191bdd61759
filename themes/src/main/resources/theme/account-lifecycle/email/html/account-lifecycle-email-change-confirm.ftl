<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("accountLifecycle.emailChange.confirm.body", newEmail)}</p>
<@layout.button href=link label=msg("accountLifecycle.emailChange.confirm.button")/>
<p>${msg("accountLifecycle.emailChange.confirm.expires", expiresAt)}</p>
<@layout.muted>${msg("accountLifecycle.emailChange.confirm.ignore")}</@layout.muted>
</@layout.emailLayout>
