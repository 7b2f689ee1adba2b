import Testing

@testable import SERPlot

@Suite struct SVGIdentifiersTests {
    private func renumbered(_ text: String) -> String {
        String(decoding: SVGIdentifiers.renumbered(Array(text.utf8)), as: UTF8.self)
    }

    @Test func processWideIdsAreNumberedInOrderOfAppearance() {
        let svg = ##"<g id="surface22"><use xlink:href="#surface9"/><image id="image40"/><g id="surface9"/></g>"##
        #expect(
            renumbered(svg)
                == ##"<g id="surface1"><use xlink:href="#surface2"/><image id="image1"/><g id="surface2"/></g>"##)
    }

    @Test func documentIdsAndTextAreLeftAlone() {
        let svg = ##"<use xlink:href="#glyph0-1"/><clipPath id="clip3"/><path d="M 1 2" fill="url(#clip3)"/> surface7"##
        #expect(renumbered(svg) == svg)
    }
}
