"""Child process of `bench/inspector.py`: a minimal Scrapy spider crawling one site, links only.

    .venv/bin/python bench/_inspect_scrapy.py http://127.0.0.1:PORT/

Scrapy's default settings (16 requests in flight, 8 per domain, no delay, no AutoThrottle, robots.txt not
read), except two that only spare it work: log level INFO instead of DEBUG (no log line per page) and no
telnet console. The spider follows every same-site link that Scrapy's `LinkExtractor` finds (`<a>` and
`<area>`, attachments and images left out by its default `deny_extensions`); it checks nothing else.
Prints one JSON object on the last line of stdout: wall and CPU time of the crawl (not of the imports),
requests, responses and HTML pages, and the process's peak RSS.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import TextResponse
from scrapy.linkextractors import LinkExtractor


class SiteSpider(scrapy.Spider):
    name = "site"

    def __init__(self, start: str, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.start_urls = [start]
        self.netloc = urlsplit(start).netloc
        self.extractor = LinkExtractor()
        self.pages = 0

    def parse(self, response: scrapy.http.Response):
        if not isinstance(response, TextResponse):
            return
        self.pages += 1
        for link in self.extractor.extract_links(response):
            if urlsplit(link.url).netloc == self.netloc:
                yield response.follow(link.url, callback=self.parse)


def main() -> None:
    start = sys.argv[1]
    process = CrawlerProcess({"LOG_LEVEL": "INFO", "TELNETCONSOLE_ENABLED": False})
    crawler = process.create_crawler(SiteSpider)
    process.crawl(crawler, start=start)
    wall, cpu = time.perf_counter(), time.process_time()
    process.start()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    stats = crawler.stats.get_stats()
    result = {
        "wall": wall,
        "cpu": cpu,
        "requests": stats.get("downloader/request_count", 0),
        "responses": stats.get("response_received_count", 0),
        "pages": crawler.spider.pages,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "version": scrapy.__version__,
    }
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
