<#import "template.ftl" as layout>
<#import "password-rules.ftl" as rules>
<#import "field.ftl" as field>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('password','password-confirm'); section>
    <#if section = "header">
        ${msg("accountLifecycle.activation.heading", activationFirstName)}
    <#elseif section = "form">
        <p id="al-activation-intro" class="al-intro">${msg("accountLifecycle.activation.intro")}</p>
        <form id="kc-activate-account-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
            <#-- Keycloak's own password field, with its show-password toggle. -->
            <@field.password name="password-new" label=msg("passwordNew") fieldName="password" autocomplete="new-password" autofocus=true />

            <@rules.list username=activationUsername email=activationEmail>
                <#list passwordRules as rule>
                    <@rules.rule id=rule.id check=rule.check key=rule.messageKey param=rule.parameter/>
                </#list>
            </@rules.list>

            <@field.password name="password-confirm" label=msg("passwordConfirm") autocomplete="new-password" />

            <div class="${properties.kcFormGroupClass!} pf-v5-c-form__actions">
                <input id="kc-activate-account-submit" class="pf-v5-c-button pf-m-primary pf-m-block" type="submit" value="${msg("accountLifecycle.activation.submit")}"/>
            </div>
        </form>
        <script type="module" src="${url.resourcesPath}/js/password-checklist.js"></script>
    </#if>
</@layout.registrationLayout>
