<#import "template.ftl" as layout>
<#-- Keycloak's "update your account" mail. Sent with the bundle's Activate account action, it is the activation mail. -->
<@layout.emailLayout>
<#if requiredActions?? && requiredActions?seq_contains("activate-account")>
<p>${msg("accountLifecycle.activation.email.intro", realmName)}</p>
<@layout.button href=link label=msg("accountLifecycle.activation.email.button")/>
<p>${msg("accountLifecycle.activation.email.expires", layout.linkExpiresAt(linkExpiration))}</p>
<@layout.muted>${msg("accountLifecycle.activation.email.ignore")}</@layout.muted>
<#else>
<p>${msg("accountLifecycle.executeActions.intro", realmName)}</p>
<#if requiredActions??><ul><#list requiredActions as action><li>${msg("requiredAction.${action}")}</li></#list></ul></#if>
<@layout.button href=link label=msg("accountLifecycle.executeActions.button")/>
<p>${msg("accountLifecycle.email.linkValidUntil", layout.linkExpiresAt(linkExpiration))}</p>
<@layout.muted>${msg("accountLifecycle.executeActions.ignore")}</@layout.muted>
</#if>
</@layout.emailLayout>
