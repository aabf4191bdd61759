<#ftl output_format="plainText">
<#import "../html/template.ftl" as layout>
<#if requiredActions?? && requiredActions?seq_contains("activate-account")>
${msg("accountLifecycle.activation.email.greeting", user.firstName!"")}

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

${msg("accountLifecycle.activation.email.expires", layout.linkExpiresAt(linkExpiration))}

${msg("accountLifecycle.activation.email.ignore")}
</#if>
