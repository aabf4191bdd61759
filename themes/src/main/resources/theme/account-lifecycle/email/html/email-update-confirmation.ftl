<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("accountLifecycle.emailUpdate.intro", realmName, newEmail)}</p>
<@layout.button href=link label=msg("accountLifecycle.emailUpdate.button")/>
<p>${msg("accountLifecycle.email.linkValidUntil", layout.linkExpiresAt(linkExpiration))}</p>
<@layout.muted>${msg("accountLifecycle.emailUpdate.ignore")}</@layout.muted>
</@layout.emailLayout>
