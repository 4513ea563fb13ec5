using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace CrmRecording.Service.Tests.Recovery;

/// <summary>While <see cref="Deaf"/>, every Twilio webhook is answered 503 before the service sees it, as when the service is down.</summary>
internal sealed class DeafToTwilio : IStartupFilter
{
    private volatile bool _deaf;

    public bool Deaf
    {
        get => _deaf;
        set => _deaf = value;
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, then) =>
        {
            if (_deaf && context.Request.Path.StartsWithSegments("/twilio", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            await then(context);
        });
        next(app);
    };
}
