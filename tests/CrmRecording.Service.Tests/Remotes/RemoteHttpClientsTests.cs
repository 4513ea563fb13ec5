using CrmRecording.Service.Remotes;

namespace CrmRecording.Service.Tests.Remotes;

public sealed class RemoteHttpClientsTests
{
    [Theory]
    [InlineData(RemoteHttpClients.Dataverse, 50)]
    [InlineData(RemoteHttpClients.Salesforce, 50)]
    [InlineData(RemoteHttpClients.Twilio, 600)]
    [InlineData(RemoteHttpClients.AzureBlob, 600)]
    [InlineData(RemoteHttpClients.KeyVault, 30)]
    [InlineData(RemoteHttpClients.OpenId, 60)]
    public void RemoteHttpClient_EachRemote_ComesFromTheFactoryWithItsOwnTimeout(string remote, int seconds)
    {
        using var factory = new ServiceFactory();

        using var client = factory.Services.RemoteHttpClient(remote);

        Assert.Equal(TimeSpan.FromSeconds(seconds), client.Timeout);
    }
}
