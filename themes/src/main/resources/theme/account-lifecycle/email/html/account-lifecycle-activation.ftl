<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("accountLifecycle.activation.email.intro", realmName)}</p>
<#if customMessage?has_content>
<p style="white-space: pre-line; border-left: 3px solid ${layout.brandColor}; padding-left: 12px;">${customMessage}</p>
</#if>
<@layout.button href=link label=msg("accountLifecycle.activation.email.button")/>
<p>${msg("accountLifecycle.activation.email.expires", expiresAt)}</p>
<@layout.muted>${msg("accountLifecycle.activation.email.ignore")}</@layout.muted>
</@layout.emailLayout>
