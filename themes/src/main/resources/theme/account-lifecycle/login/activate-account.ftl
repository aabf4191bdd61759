<#import "template.ftl" as layout>
<#import "password-rules.ftl" as rules>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('password','password-confirm'); section>
    <#if section = "header">
        ${msg("accountLifecycle.activation.heading", activationFirstName)}
    <#elseif section = "form">
        <p id="al-activation-intro" class="al-intro">${msg("accountLifecycle.activation.intro")}</p>
        <form id="kc-activate-account-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
            <div class="${properties.kcFormGroupClass!}">
                <label for="password-new" class="pf-v5-c-form__label">
                    <span class="pf-v5-c-form__label-text">${msg("passwordNew")}</span>
                </label>
                <span class="pf-v5-c-form-control <#if messagesPerField.existsError('password')>pf-m-error</#if>">
                    <input type="password" id="password-new" name="password-new" autocomplete="new-password" autofocus
                           aria-describedby="al-password-rules"
                           aria-invalid="<#if messagesPerField.existsError('password')>true<#else>false</#if>"/>
                </span>
                <#if messagesPerField.existsError('password')>
                    <div class="pf-v5-c-helper-text" aria-live="polite">
                        <span id="input-error-password" class="pf-v5-c-helper-text__item-text pf-m-error">${kcSanitize(messagesPerField.get('password'))?no_esc}</span>
                    </div>
                </#if>
            </div>

            <@rules.list username=activationUsername email=activationEmail>
                <#list passwordRules as rule>
                    <@rules.rule id=rule.id check=rule.check key=rule.messageKey param=rule.parameter/>
                </#list>
            </@rules.list>

            <div class="${properties.kcFormGroupClass!}">
                <label for="password-confirm" class="pf-v5-c-form__label">
                    <span class="pf-v5-c-form__label-text">${msg("passwordConfirm")}</span>
                </label>
                <span class="pf-v5-c-form-control <#if messagesPerField.existsError('password-confirm')>pf-m-error</#if>">
                    <input type="password" id="password-confirm" name="password-confirm" autocomplete="new-password"
                           aria-invalid="<#if messagesPerField.existsError('password-confirm')>true<#else>false</#if>"/>
                </span>
                <#if messagesPerField.existsError('password-confirm')>
                    <div class="pf-v5-c-helper-text" aria-live="polite">
                        <span id="input-error-password-confirm" class="pf-v5-c-helper-text__item-text pf-m-error">${kcSanitize(messagesPerField.get('password-confirm'))?no_esc}</span>
                    </div>
                </#if>
            </div>

            <div class="${properties.kcFormGroupClass!} pf-v5-c-form__actions">
                <input id="kc-activate-account-submit" class="pf-v5-c-button pf-m-primary pf-m-block" type="submit" value="${msg("accountLifecycle.activation.submit")}"/>
            </div>
        </form>
        <script type="module" src="${url.resourcesPath}/js/password-checklist.js"></script>
    </#if>
</@layout.registrationLayout>
