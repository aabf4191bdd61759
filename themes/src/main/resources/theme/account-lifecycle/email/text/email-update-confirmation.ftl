<#ftl output_format="plainText">
<#import "template.ftl" as layout>
<@layout.textLayout>
${msg("accountLifecycle.emailUpdate.intro", realmName, newEmail)}

${msg("accountLifecycle.emailUpdate.button")}: ${link}

${msg("accountLifecycle.email.linkValidUntil", layout.linkExpiresAt(linkExpiration))}

${msg("accountLifecycle.emailUpdate.ignore")}
</@layout.textLayout>
