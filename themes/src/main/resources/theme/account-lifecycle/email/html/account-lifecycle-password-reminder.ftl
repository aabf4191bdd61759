<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("accountLifecycle.password.reminder.body", expiresAt)}</p>
<#if accountUrl?has_content>
<@layout.button href=accountUrl label=msg("accountLifecycle.password.reminder.button")/>
<#else>
<p>${msg("accountLifecycle.password.reminder.signIn")}</p>
</#if>
<@layout.muted>${msg("accountLifecycle.password.reminder.forgot")}</@layout.muted>
</@layout.emailLayout>
