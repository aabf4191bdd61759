<#ftl output_format="plainText">
<#-- The text part of every mail: the same greeting, signature and footer as the HTML layout. -->
<#import "../html/template.ftl" as lib>

<#function greeting><#return lib.greeting()></#function>
<#function fullName><#return lib.fullName()></#function>
<#function linkExpiresAt minutes><#return lib.linkExpiresAt(minutes)></#function>

<#macro textLayout>
${lib.greeting()}

<#nested>

${msg("accountLifecycle.email.signature")}
${realmName!""}

--
<#if lib.sentTo()?has_content>
${lib.sentTo()}
</#if>
${msg("accountLifecycle.email.footer")}
</#macro>
