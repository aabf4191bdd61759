<#-- The password rules as the server renders them: every page states the rules in its HTML, and the script
     password-checklist.js only ticks them while the user types. -->

<#-- Rules whose text depends on the number: the key ".one" holds the text for 1 ("minimaal 1 cijfer"). -->
<#assign countedKeys = ["accountLifecycle.password.rule.length", "accountLifecycle.password.rule.maxLength",
    "accountLifecycle.password.rule.digits", "accountLifecycle.password.rule.lowerCase",
    "accountLifecycle.password.rule.upperCase", "accountLifecycle.password.rule.specialChars",
    "accountLifecycle.password.rule.passwordHistory"]>

<#macro rule id check key param="">
    <li class="al-rule" data-rule="${id}" data-check="${check}" data-param="${param}">
        <span class="al-rule__mark" aria-hidden="true"></span>
        <span class="al-rule__text"><#if param == "1" && countedKeys?seq_contains(key)>${msg(key + ".one")}<#else>${msg(key, param)}</#if><#if check == "server"> <span class="al-rule__server">${msg("accountLifecycle.password.rule.serverChecked")}</span></#if></span>
    </li>
</#macro>

<#-- The frame around the rules. username / email feed the "not the same as" checks; empty leaves them to the server.
     source, when set, is where the script finds rules the template model cannot name (regexPattern and the like). -->
<#macro list username="" email="" source="">
    <div class="al-password-rules">
        <p class="al-password-rules__title">${msg("accountLifecycle.password.rules.title")}</p>
        <ul id="al-password-rules" aria-live="polite" data-username="${username}" data-email="${email}"<#if source?has_content> data-source="${source}"</#if>>
            <#nested>
        </ul>
    </div>
</#macro>

<#-- The rules of the realm's policy from Keycloak's passwordPolicies bean, which every login page has. -->
<#macro fromPolicies username="" email="" source="">
    <@list username=username email=email source=source>
        <#if passwordPolicies??>
            <#if passwordPolicies.length??><@rule id="length" check="minLength" key="accountLifecycle.password.rule.length" param=passwordPolicies.length?c/></#if>
            <#if passwordPolicies.maxLength??><@rule id="maxLength" check="maxLength" key="accountLifecycle.password.rule.maxLength" param=passwordPolicies.maxLength?c/></#if>
            <#if passwordPolicies.digits??><@rule id="digits" check="digits" key="accountLifecycle.password.rule.digits" param=passwordPolicies.digits?c/></#if>
            <#if passwordPolicies.lowerCase??><@rule id="lowerCase" check="lowerCase" key="accountLifecycle.password.rule.lowerCase" param=passwordPolicies.lowerCase?c/></#if>
            <#if passwordPolicies.upperCase??><@rule id="upperCase" check="upperCase" key="accountLifecycle.password.rule.upperCase" param=passwordPolicies.upperCase?c/></#if>
            <#if passwordPolicies.specialChars??><@rule id="specialChars" check="specialChars" key="accountLifecycle.password.rule.specialChars" param=passwordPolicies.specialChars?c/></#if>
            <#if passwordPolicies.notUsername><@rule id="notUsername" check=username?has_content?then("notUsername", "server") key="accountLifecycle.password.rule.notUsername"/></#if>
            <#if passwordPolicies.notEmail><@rule id="notEmail" check=email?has_content?then("notEmail", "server") key="accountLifecycle.password.rule.notEmail"/></#if>
            <#if passwordPolicies.passwordHistory??><@rule id="passwordHistory" check="server" key="accountLifecycle.password.rule.passwordHistory" param=passwordPolicies.passwordHistory?c/></#if>
        </#if>
    </@list>
</#macro>
