<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("accountLifecycle.emailChanged.body", changedAt, maskedEmail)}</p>
<#if sessionsEnded?? && sessionsEnded>
<p>${msg("accountLifecycle.emailChanged.sessionsEnded")}</p>
</#if>
<p><strong><#if supportContact?has_content>${msg("accountLifecycle.emailChanged.notYou", supportContact)}<#else>${msg("accountLifecycle.emailChanged.notYouNoContact")}</#if></strong></p>
</@layout.emailLayout>
