<#ftl output_format="plainText">
<#import "template.ftl" as layout>
<@layout.textLayout>
${msg("accountLifecycle.activation.email.intro", realmName)}
<#if customMessage?has_content>

${customMessage}
</#if>

${msg("accountLifecycle.activation.email.button")}: ${link}

${msg("accountLifecycle.activation.email.expires", expiresAt)}

${msg("accountLifecycle.activation.email.ignore")}
</@layout.textLayout>
