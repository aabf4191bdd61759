<#-- The bundle's frame for every HTML mail, Keycloak's own included, so all end with one signature and footer. -->
<#-- When a link sent now stays valid until, for Keycloak's own mails, which pass only its lifespan in minutes:
     a date and time in the theme's time zone, as the bundle's own mails show it. -->
<#function linkExpiresAt minutes>
    <#setting time_zone=(properties.timezone)!"Europe/Amsterdam">
    <#setting locale=(locale.language)!"en">
    <#return (.now?long + minutes * 60000)?number_to_datetime?string.long_short>
</#function>

<#macro emailLayout>
<html lang="${(locale.language)!"en"}" dir="<#if ltr!true>ltr<#else>rtl</#if>">
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #1f1f1f;">
<#nested>
<p>${msg("accountLifecycle.email.signature")}<br>${realmName!""}</p>
<p style="margin-top: 24px; font-size: 12px; color: #6a6e73;">${msg("accountLifecycle.email.footer")}</p>
</body>
</html>
</#macro>
