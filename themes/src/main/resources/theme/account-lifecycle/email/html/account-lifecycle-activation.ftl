<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("accountLifecycle.activation.email.greeting", user.firstName!"")}</p>
<p>${msg("accountLifecycle.activation.email.intro", realmName)}</p>
<#if customMessage?has_content>
<p style="white-space: pre-line; border-left: 3px solid #ccc; padding-left: 12px;">${customMessage}</p>
</#if>
<p><a href="${link}">${msg("accountLifecycle.activation.email.button")}</a></p>
<p>${msg("accountLifecycle.activation.email.expires", expiresAt)}</p>
<p>${msg("accountLifecycle.activation.email.ignore")}</p>
</@layout.emailLayout>
