import SERPlot

extension PDFLayout {
    /// The first page: title and subtitle under an accent bar, the highlights as cards, the notices
    /// in amber boxes, the provenance as a key/value list, and who made the report at the bottom.
    mutating func titlePage() {
        flow.advance(96)
        flow.add(
            .fill(Rect(x: PDFStyle.marginLeft, y: flow.y, width: 44, height: 4), color: PDFStyle.accent, radius: 0))
        flow.advance(20)
        paragraph(document.title, PDFStyle.title, leading: PDFStyle.titleLeading)
        if !document.subtitle.isEmpty {
            flow.advance(4)
            paragraph(document.subtitle, PDFStyle.subtitle, leading: PDFStyle.subtitleLeading)
        }
        highlights()
        notices()
        provenance()
        if !document.generator.isEmpty && flow.page == 1 && flow.remaining > 3 * PDFStyle.smallLeading {
            flow.add(
                .text(
                    "Made by \(document.generator)",
                    origin: Point(x: PDFStyle.marginLeft, y: PDFStyle.contentBottom - 2),
                    style: PDFStyle.meta))
        }
    }

    /// The highlights as a grid of cards, up to four to a row: the key in small grey type over the value.
    private mutating func highlights() {
        guard !document.highlights.isEmpty else { return }
        flow.advance(30)
        let perRow = min(4, document.highlights.count)
        let gap = 10.0
        let padding = 10.0
        let valueLeading = 19.0
        let cardWidth = (PDFStyle.contentWidth - gap * Double(perRow - 1)) / Double(perRow)
        let textWidth = cardWidth - 2 * padding
        var start = 0
        while start < document.highlights.count {
            let row = document.highlights[start..<min(start + perRow, document.highlights.count)]
            let cards = row.map { pair in
                (
                    key: lines(pair.key, PDFStyle.highlightKey, width: textWidth),
                    value: lines(pair.value, PDFStyle.highlightValue, width: textWidth)
                )
            }
            var height = 0.0
            for card in cards {
                let keys = Double(card.key.count) * PDFStyle.smallLeading
                let values = Double(card.value.count) * valueLeading
                height = max(height, 2 * padding + 2 + keys + values)
            }
            flow.reserve(height)
            for (column, card) in cards.enumerated() {
                let x = PDFStyle.marginLeft + Double(column) * (cardWidth + gap)
                flow.add(
                    .fill(Rect(x: x, y: flow.y, width: cardWidth, height: height), color: PDFStyle.panel, radius: 4))
                var y = flow.y + padding
                for line in card.key {
                    let origin = Point(
                        x: x + padding, y: y + baseline(PDFStyle.highlightKey, leading: PDFStyle.smallLeading))
                    flow.add(.text(line, origin: origin, style: PDFStyle.highlightKey))
                    y += PDFStyle.smallLeading
                }
                y += 2
                for line in card.value {
                    let origin = Point(x: x + padding, y: y + baseline(PDFStyle.highlightValue, leading: valueLeading))
                    flow.add(.text(line, origin: origin, style: PDFStyle.highlightValue))
                    y += valueLeading
                }
            }
            flow.advance(height + gap)
            start += perRow
        }
    }

    /// Each notice in its own amber box, under a small heading.
    private mutating func notices() {
        guard !document.notices.isEmpty else { return }
        flow.advance(18)
        subheading("Notices")
        for notice in document.notices {
            callout(
                label: nil, labelColor: PDFStyle.noticeBar, text: notice, style: PDFStyle.body,
                leading: PDFStyle.bodyLeading, fill: PDFStyle.noticeFill, bar: PDFStyle.noticeBar)
            flow.advance(6)
        }
    }

    /// Where the report came from, as a two-column list with hairlines between the rows.
    private mutating func provenance() {
        guard !document.provenance.isEmpty else { return }
        flow.advance(18)
        subheading("Provenance")
        let keyWidth = 150.0
        let valueX = PDFStyle.marginLeft + keyWidth
        let valueWidth = PDFStyle.contentWidth - keyWidth
        let leading = PDFStyle.smallLeading + 1
        let padding = 4.0
        hairline()
        for pair in document.provenance {
            let keys = lines(pair.key, PDFStyle.meta, width: keyWidth - 10)
            let values = lines(pair.value, PDFStyle.cell, width: valueWidth)
            let height = Double(max(keys.count, values.count)) * leading + 2 * padding
            flow.reserve(height)
            for (index, line) in keys.enumerated() {
                let y = flow.y + padding + Double(index) * leading + baseline(PDFStyle.meta, leading: leading)
                flow.add(.text(line, origin: Point(x: PDFStyle.marginLeft, y: y), style: PDFStyle.meta))
            }
            for (index, line) in values.enumerated() {
                let y = flow.y + padding + Double(index) * leading + baseline(PDFStyle.cell, leading: leading)
                flow.add(.text(line, origin: Point(x: valueX, y: y), style: PDFStyle.cell))
            }
            flow.advance(height)
            hairline()
        }
    }

    /// A small bold heading inside a part, kept with what follows it.
    mutating func subheading(_ text: String) {
        flow.reserve(PDFStyle.headingLeading + 3 * PDFStyle.bodyLeading)
        paragraph(text, PDFStyle.subheading, leading: PDFStyle.headingLeading)
        flow.advance(2)
    }
}
