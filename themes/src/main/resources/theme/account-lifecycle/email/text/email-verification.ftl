<#ftl output_format="plainText">
<#import "template.ftl" as layout>
<@layout.textLayout>
${msg("accountLifecycle.verifyEmail.intro", realmName)}

${msg("accountLifecycle.verifyEmail.button")}: ${link}

${msg("accountLifecycle.email.linkValidUntil", layout.linkExpiresAt(linkExpiration))}

${msg("accountLifecycle.verifyEmail.ignore")}
</@layout.textLayout>
