<#ftl output_format="plainText">
<#if user.firstName?has_content>${msg("accountLifecycle.activation.email.greeting", user.firstName)}<#else>${msg("accountLifecycle.password.reminder.greetingNoName")}</#if>

${msg("accountLifecycle.password.reminder.body", expiresAt)}

<#if accountUrl?has_content>${msg("accountLifecycle.password.reminder.button")}: ${accountUrl}<#else>${msg("accountLifecycle.password.reminder.signIn")}</#if>

${msg("accountLifecycle.password.reminder.forgot")}
