using CrmRecording.Service.Telemetry;
using Microsoft.AspNetCore.Http;

namespace CrmRecording.Service.Tests.Telemetry;

/// <summary>A span's <c>url.path</c> never carries a secret that travels in a path.</summary>
public sealed class TelemetryRedactionTests
{
    [Theory]
    [InlineData("/media/KOqm4spdf0n359kAN630JKcx-_Q", "/media/[redacted]")]
    [InlineData("/webhooks/salesforce/s3cr3t-notification-key", "/webhooks/salesforce/[redacted]")]
    [InlineData("/api/recordings/0123abcd/audio", "/api/recordings/0123abcd/audio")]
    public void Path_SecretsInThePath_AreReplaced(string path, string expected) =>
        Assert.Equal(expected, TelemetryRedaction.Path(new PathString(path)));
}
