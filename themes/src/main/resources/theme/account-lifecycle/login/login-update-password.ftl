<#import "template.ftl" as layout>
<#import "password-commons.ftl" as passwordCommons>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#-- Keycloak's update-password page (also the last step of forgot-password), with the bundle's rule checklist. -->
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('password','password-confirm'); section>
    <#if section = "header">
        ${msg("updatePasswordTitle")}
    <#elseif section = "form">
        <form id="kc-passwd-update-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
            <@field.password name="password-new" label=msg("passwordNew") fieldName="password" autocomplete="new-password" autofocus=true />

            <div class="al-password-rules">
                <p class="al-password-rules__title">${msg("accountLifecycle.password.rules.title")}</p>
                <ul id="al-password-rules" aria-live="polite" data-username="${username!""}" data-email=""
                    data-source="${url.loginAction?keep_before("/login-actions/")}/account-lifecycle/password-rules?locale=${(locale.currentLanguageTag)!""}">
                </ul>
            </div>

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
