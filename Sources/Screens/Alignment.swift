/// Where text sits inside a wider space.
public enum Alignment: String, Hashable, Sendable, CaseIterable {
    /// Text starts at the left edge; padding goes on the right.
    case left
    /// Text ends at the right edge (amounts, counts); padding goes on the left.
    case right
    /// Text is centred; an odd leftover column goes on the right.
    case center

    /// The padding before and after text of width `used` in `width` columns.
    public func padding(used: Int, width: Int) -> (leading: Int, trailing: Int) {
        let spare = max(0, width - used)
        switch self {
        case .left: return (0, spare)
        case .right: return (spare, 0)
        case .center: return (spare / 2, spare - spare / 2)
        }
    }
}
