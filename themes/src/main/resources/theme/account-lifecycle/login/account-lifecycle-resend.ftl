<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("accountLifecycle.activation.title")}
    <#elseif section = "form">
        <p id="al-resend-intro">${msg(resendIntro)}</p>
        <form id="al-resend-form" class="${properties.kcFormClass!}" action="${resendAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="email" class="pf-v5-c-form__label">
                    <span class="pf-v5-c-form__label-text">${msg("email")}</span>
                </label>
                <span class="pf-v5-c-form-control">
                    <input type="email" id="email" name="email" autocomplete="email" required="required" autofocus/>
                </span>
            </div>
            <div class="${properties.kcFormGroupClass!} pf-v5-c-form__actions">
                <input id="al-resend-submit" class="pf-v5-c-button pf-m-primary pf-m-block" type="submit" value="${msg("accountLifecycle.activation.resend.submit")}"/>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
