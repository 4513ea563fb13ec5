using CrmRecording.Core.Contacts;
using CrmRecording.Core.Decisions;
using CrmRecording.Core.Phones;
using static CrmRecording.Core.Tests.Calls;

namespace CrmRecording.Core.Tests.Contacts;

public sealed class ContactReaderTests
{
    private static ContactReadResult Read(ContactFields f) => ContactReader.Default.Read(f, Today);

    [Fact]
    public void Read_NationalNumber_UsesTheAddressCountryAsDefault()
    {
        var read = Read(new ContactFields { Phone = "020 7946 0958", Country = "United Kingdom" });
        Assert.True(read.IsValid, read.Error);
        Assert.Equal("+442079460958", read.Input.Customer.Phone.ToString());
    }

    [Fact]
    public void Read_NationalNumber_FallsBackToTheRepsCountry()
    {
        var read = Read(new ContactFields { Phone = "(415) 555-0142", RepRegion = "US-TX" });
        Assert.True(read.IsValid, read.Error);
        Assert.Equal("+14155550142", read.Input.Customer.Phone.ToString());
    }

    [Fact]
    public void Read_PhoneFromMobileColumn_IsTreatedAsMobile()
    {
        var read = Read(new ContactFields { Phone = "+1 415 555 0142", PhoneIsMobileColumn = true });
        Assert.Equal(DeviceType.Mobile, read.Input!.Customer.Device);
        var explicitDevice = Read(new ContactFields { Phone = "+1 415 555 0142", PhoneIsMobileColumn = true, Device = "landline" });
        Assert.Equal(DeviceType.Landline, explicitDevice.Input!.Customer.Device);
    }

    [Fact]
    public void Read_RegionOfCountryWithoutTrackedSubdivisions_IsIgnored()
    {
        var read = Read(new ContactFields { Region = "Bayern", Country = "Germany" });
        Assert.True(read.IsValid, read.Error);
        Assert.Equal(["DE"], read.Input.Customer.AddressPlaces!.Select(p => p.Value));
    }

    [Theory]
    [InlineData("granted", "2026-03-01", ConsentState.Granted)]
    [InlineData("Declined", "", ConsentState.Declined)]
    [InlineData("revoked", "2026-03-01T17:30:00Z", ConsentState.Revoked)]
    [InlineData("", "", ConsentState.Unknown)]
    public void Read_ConsentColumns_AreRead(string consent, string date, ConsentState state)
    {
        var read = Read(new ContactFields { Phone = "+1 415 555 0142", Consent = consent, ConsentDate = date });
        Assert.True(read.IsValid, read.Error);
        Assert.Equal(state, read.Input.Consent.State);
    }

    [Theory]
    [InlineData(nameof(ContactFields.Phone), "call me", ContactField.Phone)]
    [InlineData(nameof(ContactFields.Region), "Kalifornia", ContactField.Region)]
    [InlineData(nameof(ContactFields.Country), "Atlantis", ContactField.Country)]
    [InlineData(nameof(ContactFields.VerifiedLocation), "US-XX", ContactField.VerifiedLocation)]
    [InlineData(nameof(ContactFields.Device), "pager", ContactField.Device)]
    [InlineData(nameof(ContactFields.Consent), "maybe", ContactField.Consent)]
    [InlineData(nameof(ContactFields.ConsentDate), "03/01/2026", ContactField.ConsentDate)]
    [InlineData(nameof(ContactFields.DoNotRecord), "perhaps", ContactField.DoNotRecord)]
    [InlineData(nameof(ContactFields.RepRegion), "Texas Panhandle", ContactField.RepRegion)]
    public void Read_BadField_NamesTheField(string property, string value, ContactField field)
    {
        var fields = new ContactFields { Phone = "+1 415 555 0142", Country = "US" };
        fields = property switch
        {
            nameof(ContactFields.Phone) => fields with { Phone = value },
            nameof(ContactFields.Region) => fields with { Region = value },
            nameof(ContactFields.Country) => fields with { Country = value },
            nameof(ContactFields.VerifiedLocation) => fields with { VerifiedLocation = value },
            nameof(ContactFields.Device) => fields with { Device = value },
            nameof(ContactFields.Consent) => fields with { Consent = value },
            nameof(ContactFields.ConsentDate) => fields with { ConsentDate = value },
            nameof(ContactFields.DoNotRecord) => fields with { DoNotRecord = value },
            _ => fields with { RepRegion = value },
        };
        var read = Read(fields);
        Assert.False(read.IsValid);
        Assert.Equal(field, read.Field);
        Assert.Contains(value, read.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownDefaultCountry_NamesTheDefaultCountryNotThePhone()
    {
        var read = Read(new ContactFields { Phone = "415 555 0142", DefaultCountry = "XX" });
        Assert.False(read.IsValid);
        Assert.Equal(ContactField.DefaultCountry, read.Field);
        Assert.Contains("XX", read.Error, StringComparison.Ordinal);
    }
}
