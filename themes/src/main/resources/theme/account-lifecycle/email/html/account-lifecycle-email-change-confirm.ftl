<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if user.firstName?has_content>
<p>${msg("accountLifecycle.activation.email.greeting", user.firstName)}</p>
<#else>
<p>${msg("accountLifecycle.password.reminder.greetingNoName")}</p>
</#if>
<p>${msg("accountLifecycle.emailChange.confirm.body", newEmail)}</p>
<p><a href="${link}">${msg("accountLifecycle.emailChange.confirm.button")}</a></p>
<p>${msg("accountLifecycle.emailChange.confirm.expires", expiresAt)}</p>
<p>${msg("accountLifecycle.emailChange.confirm.ignore")}</p>
</@layout.emailLayout>
