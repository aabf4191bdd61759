<#ftl output_format="plainText">
<#if user.firstName?has_content>${msg("accountLifecycle.activation.email.greeting", user.firstName)}<#else>${msg("accountLifecycle.password.reminder.greetingNoName")}</#if>

${msg("accountLifecycle.emailChange.confirm.body", newEmail)}

${msg("accountLifecycle.emailChange.confirm.button")}: ${link}

${msg("accountLifecycle.emailChange.confirm.expires", expiresAt)}

${msg("accountLifecycle.emailChange.confirm.ignore")}
