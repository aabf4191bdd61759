<#ftl output_format="plainText">
<#import "template.ftl" as layout>
<@layout.textLayout>
<#if requiredActions?? && requiredActions?seq_contains("activate-account")>
${msg("accountLifecycle.activation.email.intro", realmName)}

${msg("accountLifecycle.activation.email.button")}: ${link}

${msg("accountLifecycle.activation.email.expires", layout.linkExpiresAt(linkExpiration))}

${msg("accountLifecycle.activation.email.ignore")}
<#else>
${msg("accountLifecycle.executeActions.intro", realmName)}
<#if requiredActions??><#list requiredActions as action>
- ${msg("requiredAction.${action}")}
</#list></#if>

${msg("accountLifecycle.executeActions.button")}: ${link}

${msg("accountLifecycle.email.linkValidUntil", layout.linkExpiresAt(linkExpiration))}

${msg("accountLifecycle.executeActions.ignore")}
</#if>
</@layout.textLayout>
