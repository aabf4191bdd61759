<#ftl output_format="plainText">
<#import "template.ftl" as layout>
<@layout.textLayout>
${msg("accountLifecycle.emailChange.confirm.body", newEmail)}

${msg("accountLifecycle.emailChange.confirm.button")}: ${link}

${msg("accountLifecycle.emailChange.confirm.expires", expiresAt)}

${msg("accountLifecycle.emailChange.confirm.ignore")}
</@layout.textLayout>
