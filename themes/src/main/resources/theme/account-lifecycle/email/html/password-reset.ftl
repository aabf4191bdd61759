<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("accountLifecycle.passwordReset.intro", realmName)}</p>
<@layout.button href=link label=msg("accountLifecycle.passwordReset.button")/>
<p>${msg("accountLifecycle.email.linkValidUntil", layout.linkExpiresAt(linkExpiration))}</p>
<@layout.muted>${msg("accountLifecycle.passwordReset.ignore")}</@layout.muted>
</@layout.emailLayout>
