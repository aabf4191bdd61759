<#ftl output_format="plainText">
<#if user.firstName?has_content>${msg("accountLifecycle.activation.email.greeting", user.firstName)}<#else>${msg("accountLifecycle.password.reminder.greetingNoName")}</#if>

${msg("accountLifecycle.emailChanged.body", changedAt, maskedEmail)}
<#if sessionsEnded?? && sessionsEnded>

${msg("accountLifecycle.emailChanged.sessionsEnded")}
</#if>

<#if supportContact?has_content>${msg("accountLifecycle.emailChanged.notYou", supportContact)}<#else>${msg("accountLifecycle.emailChanged.notYouNoContact")}</#if>
