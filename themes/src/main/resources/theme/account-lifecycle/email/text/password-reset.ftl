<#ftl output_format="plainText">
<#import "template.ftl" as layout>
<@layout.textLayout>
${msg("accountLifecycle.passwordReset.intro", realmName)}

${msg("accountLifecycle.passwordReset.button")}: ${link}

${msg("accountLifecycle.email.linkValidUntil", layout.linkExpiresAt(linkExpiration))}

${msg("accountLifecycle.passwordReset.ignore")}
</@layout.textLayout>
