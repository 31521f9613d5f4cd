namespace Planner.Core.Serving;

/// <summary>
/// One billing unit of the fleet (see <see cref="InstancePacking"/>): an instance, or the
/// instances one replica spans. It is billed, whole, from provisioning until its last replica
/// stops, rounded up to the billing granularity.
/// </summary>
internal sealed class Instance
{
    public Instance(int id) => Id = id;

    public int Id { get; }
    public bool Live { get; set; }
    public bool IsSpot { get; set; }
    public double ProvisionedAt { get; set; }
    /// <summary>When provisioning ends and weights can start loading.</summary>
    public double ReadyAt { get; set; }
    /// <summary>Replicas placed here and not stopped.</summary>
    public int Occupied { get; set; }
    /// <summary>Whether any replica on it has been ready: until then the unit is still being provisioned for its first replica.</summary>
    public bool Up { get; set; }
    /// <summary>Set by a spot notice: replicas are moved off and nothing new is placed here.</summary>
    public bool Leaving { get; set; }
    /// <summary>Bumped when the unit is (re)provisioned; its spot events carry it.</summary>
    public int Lifetime { get; private set; }

    public void Reset(double now, double readyAt, bool spot)
    {
        Live = true;
        IsSpot = spot;
        ProvisionedAt = now;
        ReadyAt = readyAt;
        Occupied = 0;
        Up = false;
        Leaving = false;
        Lifetime++;
    }
}
