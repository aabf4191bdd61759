<#import "template.ftl" as layout>
<#import "password-commons.ftl" as passwordCommons>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#import "password-rules.ftl" as rules>
<#-- Keycloak's update-password page (also the last step of forgot-password), with the bundle's rule checklist. -->
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('password','password-confirm'); section>
    <#if section = "header">
        ${msg("updatePasswordTitle")}
    <#elseif section = "form">
        <form id="kc-passwd-update-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
            <@field.password name="password-new" label=msg("passwordNew") fieldName="password" autocomplete="new-password" autofocus=true />

            <#-- In a realm with the email as username, the username is the email: both "not the same as" rules tick. -->
            <@rules.fromPolicies username=(username!"") email=realm.registrationEmailAsUsername?then(username!"", "")
                source="${url.loginAction?keep_before('/login-actions/')}/account-lifecycle/password-rules?locale=${(locale.currentLanguageTag)!''}"/>

            <@field.password name="password-confirm" label=msg("passwordConfirm") autocomplete="new-password" />

            <div class="${properties.kcFormGroupClass!}">
                <@passwordCommons.logoutOtherSessions/>
            </div>

            <@buttons.actionGroup horizontal=true>
                <@buttons.button id="kc-submit" name="login" label="doSubmit"/>
                <#if isAppInitiatedAction??>
                    <@buttons.button id="kc-cancel" label="doCancel" name="cancel-aia" type="secondary"/>
                </#if>
            </@buttons.actionGroup>
        </form>
        <script type="module" src="${url.resourcesPath}/js/password-checklist.js"></script>
    </#if>
</@layout.registrationLayout>
