using CrmRecording.Core.Decisions;
using CrmRecording.Service.Calls;
using CrmRecording.Service.Options;
using CrmRecording.Vault.Reports;
using Microsoft.Extensions.Options;

namespace CrmRecording.Service.Reports;

/// <summary>The compliance report's sources, over the same databases as the vault and the call store.</summary>
internal static class ReportServices
{
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportOptions>().Bind(configuration.GetSection(ReportOptions.Section));
        services.AddSingleton<IVaultReportSource>(sp =>
        {
            var vault = sp.GetRequiredService<IOptions<VaultOptions>>().Value;
            return vault.Metadata == "postgres"
                ? new PostgresVaultReportSource(vault.Postgres!)
                : new SqliteVaultReportSource(Path.Combine(Recordings.VaultServices.DataDirectory(sp), "vault.db"));
        });
        services.AddSingleton(sp => sp.GetRequiredService<ICallStore>() switch
        {
            Calls.Live.ObservedCallStore { Inner: ICallReportSource inner } => inner,
            ICallReportSource source => source,
            _ => throw new InvalidOperationException("The call store cannot list calls for a report."),
        });
        services.AddSingleton(sp =>
        {
            var dataverse = sp.GetRequiredService<IOptions<DataverseOptions>>().Value;
            return ReportLinkBuilder.For(dataverse.Mode == "remote" ? dataverse.EnvironmentUrl : null, sp.GetRequiredService<IOptions<ReportOptions>>().Value.SalesforceUrl);
        });
        services.AddSingleton(sp => ComplianceReports.RulesOf(sp.GetRequiredService<ConsentEngine>()));
        services.AddSingleton<ComplianceReports>();
        // A month's report is megabytes of JSON; Brotli or gzip makes it a tenth for a browser on a slow link. Only the
        // report is compressed (UseReportCompression). Over HTTPS too: the API is authorised by a bearer token, not a
        // cookie, so no other site can make a reviewer's browser send it chosen requests, which BREACH would need.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            o.MimeTypes = ["application/json", ComplianceReportEndpoints.CsvType];
        });
        return services;
    }

    /// <summary>Compresses the report API's answers (and nothing else: audio and pages are left as they are).</summary>
    public static IApplicationBuilder UseReportCompression(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api/reports", StringComparison.Ordinal), branch => branch.UseResponseCompression());
}
