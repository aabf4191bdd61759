<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if user.firstName?has_content>
<p>${msg("accountLifecycle.activation.email.greeting", user.firstName)}</p>
<#else>
<p>${msg("accountLifecycle.password.reminder.greetingNoName")}</p>
</#if>
<p>${msg("accountLifecycle.password.reminder.body", expiresAt)}</p>
<#if accountUrl?has_content>
<p><a href="${accountUrl}">${msg("accountLifecycle.password.reminder.button")}</a></p>
<#else>
<p>${msg("accountLifecycle.password.reminder.signIn")}</p>
</#if>
<p>${msg("accountLifecycle.password.reminder.forgot")}</p>
</@layout.emailLayout>
