<#import "template.ftl" as layout>
<#-- Keycloak's error page with a next step. A link that is garbled, tampered with, expired or used gets a page that
     says so and how to go on; every error page links to signing in. -->
<#assign badLinkKeys = ["invalidRequestMessage", "invalidCodeMessage", "expiredActionMessage",
    "expiredActionTokenNoSessionMessage", "expiredActionTokenSessionExistsMessage"]>
<#assign badLink = false>
<#list badLinkKeys as key>
    <#if message?? && message.summary == msg(key)><#assign badLink = true></#if>
</#list>
<#assign signInUrl = "">
<#if (url.loginRestartFlowUrl)?has_content && (realm.name)?has_content>
    <#assign signInUrl = url.loginRestartFlowUrl?keep_before("/login-actions/") + "/account/">
</#if>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        <#if badLink>${msg("accountLifecycle.badLink.title")}<#else>${kcSanitize(msg("errorTitle"))?no_esc}</#if>
    <#elseif section = "form">
        <div id="kc-error-message">
            <p class="instruction">${kcSanitize(message.summary)?no_esc}</p>
            <#if badLink>
                <p id="al-bad-link-help" class="instruction">${msg("accountLifecycle.badLink.help")}</p>
            </#if>
            <#if traceId??>
                <p class="instruction" id="traceId">${msg("traceIdSupportMessage", traceId)}</p>
            </#if>
            <#-- A bad link always leads to signing in, also where Keycloak skips its "back to application" link. -->
            <#if badLink && signInUrl?has_content>
                <p><a id="al-sign-in" class="pf-v5-c-button pf-m-primary" href="${signInUrl}">${msg("accountLifecycle.link.signIn")}</a></p>
            <#elseif !skipLink?? && client?? && client.baseUrl?has_content>
                <p><a id="backToApplication" href="${client.baseUrl}">${msg("backToApplication")}</a></p>
            <#elseif !skipLink?? && signInUrl?has_content>
                <p><a id="al-sign-in" class="pf-v5-c-button pf-m-primary" href="${signInUrl}">${msg("accountLifecycle.link.signIn")}</a></p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
