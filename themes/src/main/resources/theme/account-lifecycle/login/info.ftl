<#import "template.ftl" as layout>
<#-- Keycloak's info page. The bundle's pages name their link for what it does ("Sign in") instead of
     "Back to application", and an already activated account always gets a way to sign in. -->
<#assign signInUrl = "">
<#if (url.loginRestartFlowUrl)?has_content && (realm.name)?has_content>
    <#assign signInUrl = url.loginRestartFlowUrl?keep_before("/login-actions/") + "/account/">
</#if>
<#assign alreadyActivated = message?? && message.summary == msg("accountLifecycle.activation.alreadyActivated")>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        <#if messageHeader??>
            ${kcSanitize(msg("${messageHeader}"))?no_esc}
        <#else>
            ${message.summary}
        </#if>
    <#elseif section = "form">
    <div id="kc-info-message">
        <p class="instruction">${message.summary}<#if requiredActions??><#list requiredActions>: <b><#items as reqActionItem>${kcSanitize(msg("requiredAction.${reqActionItem}"))?no_esc}<#sep>, </#items></b></#list><#else></#if></p>
        <#if skipLink??>
            <#if alreadyActivated && signInUrl?has_content>
                <p><a id="al-sign-in" class="pf-v5-c-button pf-m-primary" href="${signInUrl}">${msg("accountLifecycle.link.signIn")}</a></p>
            </#if>
        <#else>
            <#if pageRedirectUri?has_content>
                <#if accountLifecycleLinkLabel?? || alreadyActivated>
                    <p><a id="al-sign-in" class="pf-v5-c-button pf-m-primary" href="${pageRedirectUri}">${msg(accountLifecycleLinkLabel!"accountLifecycle.link.signIn")}</a></p>
                <#else>
                    <p><a href="${pageRedirectUri}">${msg("backToApplication")}</a></p>
                </#if>
            <#elseif actionUri?has_content>
                <p><a href="${actionUri}">${msg("proceedWithAction")}</a></p>
            <#elseif (client.baseUrl)?has_content>
                <p><a href="${client.baseUrl}">${msg("backToApplication")}</a></p>
            <#elseif alreadyActivated && signInUrl?has_content>
                <p><a id="al-sign-in" class="pf-v5-c-button pf-m-primary" href="${signInUrl}">${msg("accountLifecycle.link.signIn")}</a></p>
            </#if>
        </#if>
    </div>
    </#if>
</@layout.registrationLayout>
