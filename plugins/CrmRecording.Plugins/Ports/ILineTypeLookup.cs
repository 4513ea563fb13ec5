using CrmRecording.Core.Phones;

namespace CrmRecording.Plugins.Ports;

/// <summary>What kind of line a number is on (Twilio Lookup v2 in production).</summary>
public interface ILineTypeLookup
{
    Task<DeviceType> LookupAsync(E164Number number, CancellationToken cancellationToken = default);
}

/// <summary>The default until a line-type service is configured: every line is of unknown type, which the engine treats as weak area-code evidence.</summary>
public sealed class NoLineTypeLookup : ILineTypeLookup
{
    public Task<DeviceType> LookupAsync(E164Number number, CancellationToken cancellationToken = default) => Task.FromResult(DeviceType.Unknown);
}
