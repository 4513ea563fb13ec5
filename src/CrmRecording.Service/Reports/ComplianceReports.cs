using CrmRecording.Core.Decisions;
using CrmRecording.Core.Jurisdictions;
using CrmRecording.Core.Reports;
using CrmRecording.Vault.Reports;

namespace CrmRecording.Service.Reports;

/// <summary>
/// Runs a compliance report: the stores' queries for the period (in parallel: they read different databases or
/// different tables), then <see cref="ComplianceReportBuilder"/> over their rows. Used by the API and the CLI alike.
/// </summary>
public sealed class ComplianceReports(ICallReportSource calls, IVaultReportSource vault, ReportRules rules, ReportLinks links, TimeProvider time)
{
    public async Task<ComplianceReport> RunAsync(ReportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var callRows = calls.ListForReportAsync(request.From, request.To, cancellationToken);
        var retention = vault.ListRetentionAsync(now + ComplianceReportBuilder.DueWindow, cancellationToken);
        // The trail is read once: the whole chain verified, the period's events kept.
        var audit = Task.Run(() => vault.VerifyAndReadAuditAsync(request.From, cancellationToken), cancellationToken);
        await Task.WhenAll(callRows, retention, audit).ConfigureAwait(false);
        var (chain, since) = await audit.ConfigureAwait(false);
        var sources = new ReportSources(await callRows.ConfigureAwait(false), await retention.ConfigureAwait(false), since, chain, rules);
        return ComplianceReportBuilder.Build(request, sources, now, links);
    }

    /// <summary>The rules data and policy an engine decides with, as the report states them.</summary>
    public static ReportRules RulesOf(ConsentEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return new ReportRules(
            engine.Versions.Describe(),
            engine.Versions.Policy,
            engine.Policy.Overrides.Select(o => new OverrideLine(o.Code.ToString(), o.Rule.ToWireName(), o.Reason)).ToList());
    }
}
