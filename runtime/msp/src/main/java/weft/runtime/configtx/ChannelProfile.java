package weft.runtime.configtx;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a channel's genesis configuration holds (a {@code configtxgen} profile): the channel's name, its ordering
 * organisations and settings, and its application organisations.
 *
 * @param ordererAddresses the ordering endpoints clients use ({@code host:port}); may be empty
 */
public record ChannelProfile(String channelId, List<Organization> ordererOrganizations,
                             List<Organization> applicationOrganizations, OrdererSettings orderer,
                             List<String> ordererAddresses) {

    // Fabric's rule for channel names: lower case, digits, dots and dashes, starting with a letter, < 250 chars.
    private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z][a-z0-9.-]{0,248}");

    public ChannelProfile {
        Objects.requireNonNull(channelId, "channelId");
        ordererOrganizations = List.copyOf(ordererOrganizations);
        applicationOrganizations = List.copyOf(applicationOrganizations);
        Objects.requireNonNull(orderer, "orderer");
        ordererAddresses = List.copyOf(ordererAddresses);
        if (!CHANNEL_NAME.matcher(channelId).matches()) {
            throw new IllegalArgumentException("invalid channel name '" + channelId + "': it must start with a lower "
                    + "case letter and hold only lower case letters, digits, '.' and '-' (at most 249 characters)");
        }
        if (ordererOrganizations.isEmpty()) {
            throw new IllegalArgumentException("channel " + channelId + " needs at least one orderer organisation");
        }
        if (applicationOrganizations.isEmpty()) {
            throw new IllegalArgumentException("channel " + channelId + " needs at least one application organisation");
        }
        unique(channelId, "orderer", ordererOrganizations);
        unique(channelId, "application", applicationOrganizations);
    }

    private static void unique(String channelId, String kind, List<Organization> organizations) {
        Set<String> names = new HashSet<>();
        for (Organization organization : organizations) {
            if (!names.add(organization.name())) {
                throw new IllegalArgumentException("channel " + channelId + ": " + kind + " organisation "
                        + organization.name() + " is listed twice");
            }
        }
    }
}
