<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("accountLifecycle.verifyEmail.intro", realmName)}</p>
<@layout.button href=link label=msg("accountLifecycle.verifyEmail.button")/>
<p>${msg("accountLifecycle.email.linkValidUntil", layout.linkExpiresAt(linkExpiration))}</p>
<@layout.muted>${msg("accountLifecycle.verifyEmail.ignore")}</@layout.muted>
</@layout.emailLayout>
