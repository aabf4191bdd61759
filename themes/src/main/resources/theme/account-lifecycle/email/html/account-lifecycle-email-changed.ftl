<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if user.firstName?has_content>
<p>${msg("accountLifecycle.activation.email.greeting", user.firstName)}</p>
<#else>
<p>${msg("accountLifecycle.password.reminder.greetingNoName")}</p>
</#if>
<p>${msg("accountLifecycle.emailChanged.body", changedAt, maskedEmail)}</p>
<#if sessionsEnded?? && sessionsEnded>
<p>${msg("accountLifecycle.emailChanged.sessionsEnded")}</p>
</#if>
<p><strong><#if supportContact?has_content>${msg("accountLifecycle.emailChanged.notYou", supportContact)}<#else>${msg("accountLifecycle.emailChanged.notYouNoContact")}</#if></strong></p>
</@layout.emailLayout>
