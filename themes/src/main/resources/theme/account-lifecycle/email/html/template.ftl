<#-- The bundle's one layout for every HTML mail, Keycloak's own included: the realm's name or logo, a brand colour,
     a button for the main link with the link as text below it, a greeting by name, one signature and footer.
     Tables and inline styles for mail clients; readable in dark mode and with images off (the logo has the realm's
     name as its text, and no text is an image). Theme properties: brandColor, logoUrl (absolute, optional). -->
<#assign brandColor = (properties.brandColor)!"#01689b">
<#assign logoUrl = (properties.logoUrl)!"">

<#-- The user's full name as people write it, with the infix (tussenvoegsel): "Anna de Vries". -->
<#function fullName>
    <#if !user??><#return ""></#if>
    <#local parts = [(user.firstName)!"", (user.attributes.infix)!"", (user.lastName)!""]>
    <#return parts?filter(p -> p?has_content)?join(" ")>
</#function>

<#-- "Beste Anna," or, without a first name, "Beste gebruiker,". -->
<#function greeting>
    <#if user?? && (user.firstName)?has_content>
        <#return msg("accountLifecycle.email.greeting", user.firstName)>
    </#if>
    <#return msg("accountLifecycle.email.greetingNoName")>
</#function>

<#-- "Deze e-mail is bestemd voor Anna de Vries." No address: some mails go to another address than the account's
     (the confirmation to a new address, the notice to the old one). -->
<#function sentTo>
    <#if fullName()?has_content><#return msg("accountLifecycle.email.sentTo", fullName())></#if>
    <#return "">
</#function>

<#-- When a link sent now stays valid until, for Keycloak's own mails, which pass only its lifespan in minutes:
     a date and time in the theme's time zone, as the bundle's own mails show it. -->
<#function linkExpiresAt minutes>
    <#setting time_zone=(properties.timezone)!"Europe/Amsterdam">
    <#setting locale=(locale.language)!"en">
    <#return (.now?long + minutes * 60000)?number_to_datetime?string.long_short>
</#function>

<#macro emailLayout>
<!DOCTYPE html>
<html lang="${(locale.language)!"en"}" dir="<#if ltr!true>ltr<#else>rtl</#if>">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${realmName!""}</title>
<style>
body { margin: 0; padding: 0; }
@media (max-width: 620px) {
  .al-card { padding: 20px 16px !important; }
  .al-foot { padding: 12px 16px !important; }
}
@media (prefers-color-scheme: dark) {
  .al-page { background: #121212 !important; }
  .al-card { background: #1e1e1e !important; color: #e8e8e8 !important; }
  .al-brand { color: #e8e8e8 !important; }
  .al-muted, .al-foot { color: #b4b7bc !important; }
  .al-muted a { color: #b4b7bc !important; }
}
</style>
</head>
<body class="al-page" style="margin: 0; padding: 0; background: #f2f3f5;">
<table role="presentation" class="al-page" width="100%" cellpadding="0" cellspacing="0" border="0" style="background: #f2f3f5;">
<tr>
<td align="center" style="padding: 24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width: 600px;">
<tr><td style="background: ${brandColor}; height: 6px; font-size: 0; line-height: 0;">&nbsp;</td></tr>
<tr>
<td class="al-card" style="background: #ffffff; color: #1f1f1f; padding: 28px 32px; font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5;">
<#if logoUrl?has_content>
<img src="${logoUrl}" alt="${realmName!""}" height="40" class="al-brand" style="display: block; height: 40px; max-width: 100%; border: 0; margin: 0 0 20px; font-size: 20px; font-weight: bold; color: ${brandColor};">
<#else>
<p class="al-brand" style="margin: 0 0 20px; font-size: 20px; font-weight: bold; color: ${brandColor};">${realmName!""}</p>
</#if>
<p style="margin: 0 0 16px;">${greeting()}</p>
<#nested>
<p style="margin: 24px 0 0;">${msg("accountLifecycle.email.signature")}<br>${realmName!""}</p>
</td>
</tr>
<tr>
<td class="al-foot" style="padding: 16px 32px; font-family: Arial, Helvetica, sans-serif; font-size: 12px; line-height: 1.5; color: #5c6066;">
<#if sentTo()?has_content>${sentTo()}<br></#if>${msg("accountLifecycle.email.footer")}
</td>
</tr>
</table>
</td>
</tr>
</table>
</body>
</html>
</#macro>

<#-- The mail's main link as a button (HTML and CSS only, so it shows with images off), and the link as text for
     clients that will not show the button. -->
<#macro button href label>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin: 24px 0 8px;">
<tr>
<td align="center" bgcolor="${brandColor}" style="border-radius: 4px; background: ${brandColor};">
<a href="${href}" target="_blank" style="display: inline-block; padding: 12px 24px; border: 1px solid ${brandColor}; border-radius: 4px; font-family: Arial, Helvetica, sans-serif; font-size: 16px; font-weight: bold; color: #ffffff; text-decoration: none;">${label}</a>
</td>
</tr>
</table>
<p class="al-muted" style="margin: 0 0 16px; font-size: 13px; color: #5c6066; word-break: break-all;">${msg("accountLifecycle.email.buttonFallback")}<br><a href="${href}" style="color: #5c6066;">${href}</a></p>
</#macro>

<#-- A paragraph in the muted colour, for the "did not expect this?" lines. -->
<#macro muted>
<p class="al-muted" style="color: #5c6066; font-size: 14px;"><#nested></p>
</#macro>
