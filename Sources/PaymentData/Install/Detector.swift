/// `payops db detect`: which profile fits a database, whether payops is installed there, and per pane and
/// per action what is available and what is missing and why.
public struct Detector {
    /// The verdict.
    public struct Detection: Sendable {
        /// Every profile, with how it fits.
        public var fits: [ProfileFit] = []
        /// The profile that fits, if exactly one does (the first of several).
        public var profile: Profile?
        /// The profile payops is installed with here, if it is.
        public var installedProfile: String?
        /// Recommended indexes the platform lacks (for the profile that fits).
        public var missingIndexes: [RecommendedIndex] = []
        /// Does the database isolate tenants (row-level security on the payments table)?
        public var rowLevelSecurity = false
    }

    public init() {}

    public func detect(_ connection: PGConnection) throws -> Detection {
        var detection = Detection()
        for profile in Profile.all {
            let fit = try ProfileFit.evaluate(profile, connection)
            detection.fits.append(fit)
            if fit.fits, detection.profile == nil { detection.profile = profile }
        }
        if try connection.query("SELECT to_regclass('payops.settings') IS NOT NULL")[0].decode(0, as: Bool.self) {
            let installed = try connection.query("SELECT value FROM payops.settings WHERE key = 'profile'")
            detection.installedProfile = installed.count == 1 ? try installed[0].decode(0) : nil
        }
        if let profile = detection.profile, try !connection.query("SELECT pg_is_in_recovery()")[0].decode(0, as: Bool.self) {
            detection.missingIndexes = try IndexCheck(profile: profile).missingStandalone(connection)
        }
        let rls = try connection.query("""
            SELECT coalesce((SELECT relrowsecurity FROM pg_class WHERE oid = to_regclass('public.payment_transactions')), false)
            """)
        detection.rowLevelSecurity = try rls[0].decode(0)
        return detection
    }
}
