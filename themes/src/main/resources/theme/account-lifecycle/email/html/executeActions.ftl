<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if requiredActions?? && requiredActions?seq_contains("activate-account")>
<p>${msg("accountLifecycle.activation.email.greeting", user.firstName!"")}</p>
<p>${msg("accountLifecycle.activation.email.intro", realmName)}</p>
<p><a href="${link}">${msg("accountLifecycle.activation.email.button")}</a></p>
<p>${msg("accountLifecycle.activation.email.expires", layout.linkExpiresAt(linkExpiration))}</p>
<p>${msg("accountLifecycle.activation.email.ignore")}</p>
<#else>
<p>${msg("accountLifecycle.executeActions.intro", realmName)}</p>
<#if requiredActions??><ul><#list requiredActions as action><li>${msg("requiredAction.${action}")}</li></#list></ul></#if>
<p><a href="${link}">${msg("accountLifecycle.executeActions.button")}</a></p>
<p>${msg("accountLifecycle.activation.email.expires", layout.linkExpiresAt(linkExpiration))}</p>
<p>${msg("accountLifecycle.activation.email.ignore")}</p>
</#if>
</@layout.emailLayout>
