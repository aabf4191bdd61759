<#ftl output_format="plainText">
<#import "template.ftl" as layout>
<@layout.textLayout>
${msg("accountLifecycle.emailChanged.body", changedAt, maskedEmail)}
<#if sessionsEnded?? && sessionsEnded>

${msg("accountLifecycle.emailChanged.sessionsEnded")}
</#if>

<#if supportContact?has_content>${msg("accountLifecycle.emailChanged.notYou", supportContact)}<#else>${msg("accountLifecycle.emailChanged.notYouNoContact")}</#if>
</@layout.textLayout>
