<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("accountLifecycle.password.expiry.title")}
    <#elseif section = "form">
        <p id="al-password-expiry-message">${msg("accountLifecycle.password.expiry.message", passwordExpiresOn)}</p>
        <form id="al-password-expiry-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!} pf-v5-c-form__actions">
                <button id="al-password-change-now" class="pf-v5-c-button pf-m-primary" type="submit" name="choice" value="change">${msg("accountLifecycle.password.expiry.changeNow")}</button>
                <button id="al-password-later" class="pf-v5-c-button pf-m-secondary" type="submit" name="choice" value="later">${msg("accountLifecycle.password.expiry.later")}</button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
