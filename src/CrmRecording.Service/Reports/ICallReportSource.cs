using CrmRecording.Core.Reports;

namespace CrmRecording.Service.Reports;

/// <summary>The calls a compliance report is computed from, as the call store keeps them.</summary>
public interface ICallReportSource
{
    /// <summary>Calls placed in [<paramref name="start"/>, <paramref name="until"/>), oldest first, without phone numbers.</summary>
    Task<IReadOnlyList<ReportCallRow>> ListForReportAsync(DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken = default);
}
