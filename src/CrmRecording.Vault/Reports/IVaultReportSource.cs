using CrmRecording.Core.Reports;

namespace CrmRecording.Vault.Reports;

/// <summary>What the compliance report reads from the vault's metadata: retention, holds and the audit trail.</summary>
public interface IVaultReportSource : IAsyncDisposable
{
    /// <summary>Recordings not deleted that are on hold, or whose retention ends before <paramref name="dueBy"/>.</summary>
    Task<IReadOnlyList<ReportRecordingRow>> ListRetentionAsync(DateTimeOffset dueBy, CancellationToken cancellationToken = default);

    /// <summary>
    /// One pass over the audit trail: the whole hash chain recomputed from its first event, and the events at or after
    /// <paramref name="from"/> in time order (chain order among equal times), whether or not the chain holds.
    /// </summary>
    Task<(AuditChainState Chain, IReadOnlyList<ReportAuditRow> Since)> VerifyAndReadAuditAsync(DateTimeOffset from, CancellationToken cancellationToken = default);
}
