using CrmRecording.Service.Health;
using CrmRecording.Service.Options;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Outbox;

namespace CrmRecording.Service;

/// <summary>Builds the web application: options validated on start, health, OpenAPI, ProblemDetails, endpoints.</summary>
internal static class ServiceHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddOptions<ServiceOptions>().Bind(builder.Configuration.GetSection(ServiceOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DataverseOptions>().Bind(builder.Configuration.GetSection(DataverseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp =>
            new SqliteMetadataStore(Path.Combine(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServiceOptions>>().Value.DataDirectory, "vault.db")));
        builder.Services.AddHostedService<MigrationService>();
        builder.Services.AddSingleton<IMetadataStore>(sp => sp.GetRequiredService<SqliteMetadataStore>());
        builder.Services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<SqliteMetadataStore>());

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapHealth();
        return app;
    }
}
