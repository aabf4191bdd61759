<#ftl output_format="plainText">
<#import "template.ftl" as layout>
<@layout.textLayout>
${msg("accountLifecycle.password.reminder.body", expiresAt)}

<#if accountUrl?has_content>${msg("accountLifecycle.password.reminder.button")}: ${accountUrl}<#else>${msg("accountLifecycle.password.reminder.signIn")}</#if>

${msg("accountLifecycle.password.reminder.forgot")}
</@layout.textLayout>
