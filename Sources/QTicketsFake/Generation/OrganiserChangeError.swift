/// A change named a row the organiser does not have.
public enum OrganiserChangeError: Error, Sendable, Equatable {
    case unknownEvent(Int)
    case unknownShow(Int)
    case unknownOrder(Int)
}
