package io.paygate.sandbox.alipay;

import io.paygate.common.web.ApiException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Where a {@code bill_download_url} points: a plain GET, no signature, as at Alipay (ref §10). */
@RestController
class BillDownloadController {

    private final Bills bills;

    BillDownloadController(Bills bills) {
        this.bills = bills;
    }

    @GetMapping(Bills.DOWNLOAD_PATH)
    ResponseEntity<byte[]> download(@RequestParam(required = false) String token) {
        if (bills.failing(token)) {
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).build();
        }
        var file = bills.download(token).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "bill_url_expired",
                "this bill_download_url is unknown or has expired: ask alipay.data.dataservice.bill.downloadurl.query again"));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.fileName()).build().toString())
                .body(file.zip());
    }
}
